#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'dist', 'runtime', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error(`lambkin: ${path.relative(process.cwd(), cli)} is missing. Run "npm install" (or "npm run build") in ${path.dirname(__dirname)} first.`);
  process.exit(1);
}
require(cli);
