// Function output: one combined "Lambkin Functions" channel (each line tagged with its function) plus a
// per-function buffer behind the `lambkin-logs:` documents that "Show Logs" opens.
import * as vscode from 'vscode';
import { OutputChannels } from '../ids';
import { FunctionLogBuffer } from './render';

export class FunctionLogs implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel(OutputChannels.functions, 'log');
  private readonly buffer = new FunctionLogBuffer();
  private readonly appended = new vscode.EventEmitter<string>();

  /** Fires with the name of the function that logged. */
  readonly onDidAppend = this.appended.event;

  append(functionName: string, line: string): void {
    this.buffer.append(functionName, line);
    this.channel.appendLine(`[${functionName}] ${line}`);
    this.appended.fire(functionName);
  }

  render(functionName: string): string {
    return this.buffer.render(functionName);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
    this.appended.dispose();
  }
}
