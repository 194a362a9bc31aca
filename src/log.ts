// A thin typed wrapper over the "Lambkin" LogOutputChannel: the extension's own messages and the
// runtime's output, with the level each line deserves.
import * as vscode from 'vscode';
import { OutputChannels } from './ids';

const LEVEL_PREFIX = /^(?:lambkin:\s*)?\W{0,3}(error|fatal|warn(?:ing)?|debug|trace|info)\b\W*/i;

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel(OutputChannels.runtime, { log: true });
  }

  trace(message: string): void {
    this.channel.trace(message);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string, error?: unknown): void {
    if (error === undefined) this.channel.error(message);
    else this.channel.error(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /** One line of the runtime's own output, at the level its prefix names. The runtime writes its status to stderr, so that alone means nothing. */
  runtimeLine(line: string): void {
    const level = LEVEL_PREFIX.exec(line)?.[1]?.toLowerCase();
    if (level === 'error' || level === 'fatal') this.channel.error(line);
    else if (level?.startsWith('warn')) this.channel.warn(line);
    else if (level === 'debug') this.channel.debug(line);
    else if (level === 'trace') this.channel.trace(line);
    else this.channel.info(line);
  }

  show(preserveFocus = true): void {
    this.channel.show(preserveFocus);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
