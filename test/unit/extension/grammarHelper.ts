// Tokenizes text with Lambkin's TextMate grammars (syntaxes/) through the same engine VS Code uses
// (vscode-textmate + Oniguruma), so tests can ask which scopes a piece of a line gets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
const GRAMMARS: Record<string, string> = {
  'source.lambkin-log': 'syntaxes/lambkin-log.tmLanguage.json',
  'source.lambkin-invocation': 'syntaxes/lambkin-invocation.tmLanguage.json',
};

let registry: textmate.Registry | undefined;

function load(): textmate.Registry {
  if (registry) return registry;
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  const ready = oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  }));
  registry = new textmate.Registry({
    onigLib: ready,
    loadGrammar: async (scopeName) => {
      // VS Code's own JSON grammar, which the invocation grammar embeds, as packaged by tm-grammars.
      const file = scopeName === 'source.json' ? require.resolve('tm-grammars/grammars/json.json') : GRAMMARS[scopeName] && path.join(root, GRAMMARS[scopeName]);
      return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
  });
  return registry;
}

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

export async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  const grammar = await load().loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar ${scopeName}`);
  let state = textmate.INITIAL;
  const tokens: Token[] = [];
  text.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) tokens.push({ line, text: lineText.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    state = result.ruleStack;
  });
  return tokens;
}

/** The scopes of the token where `fragment` starts (on the first line holding it from `fromLine` on). */
export function scopesAt(tokens: Token[], fragment: string, fromLine = 0): string[] {
  const lines = new Map<number, Token[]>();
  for (const token of tokens) lines.set(token.line, [...(lines.get(token.line) ?? []), token]);
  for (const [line, lineTokens] of [...lines].sort(([a], [b]) => a - b)) {
    if (line < fromLine) continue;
    const lineText = lineTokens.map((token) => token.text).join('');
    const at = lineText.indexOf(fragment);
    if (at === -1) continue;
    let offset = 0;
    for (const token of lineTokens) {
      if (at < offset + token.text.length) return token.scopes;
      offset += token.text.length;
    }
  }
  throw new Error(`"${fragment}" not found`);
}

export function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((scope) => scope === prefix || scope.startsWith(`${prefix}.`));
}
