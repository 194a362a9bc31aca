// Function output: one combined "Lambkin Functions" channel (each line tagged with its function, as it is
// written) plus a per-function buffer behind the `lambkin-logs:` documents that "Show Logs" opens, where
// each finished invocation's record (START … REPORT) takes the place of its live lines. Both are in the
// `lambkin-log` language, whose grammar colours lines by level.
import * as vscode from 'vscode';
import type { InvocationResult } from '../../runtime/protocol/control';
import { Languages, OutputChannels } from '../ids';
import { FunctionLogBuffer, type LineRange, type LogOrigin } from './logBuffer';

export class FunctionLogs implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel(OutputChannels.functions, Languages.log);
  private readonly buffer = new FunctionLogBuffer();
  private readonly appended = new vscode.EventEmitter<string>();

  /** Fires with the name of the function whose log changed. */
  readonly onDidAppend = this.appended.event;

  append(functionName: string, line: string, origin?: LogOrigin): void {
    this.buffer.append(functionName, line, origin);
    this.channel.appendLine(`[${functionName}] ${line}`);
    this.appended.fire(functionName);
  }

  /** A finished invocation: its record replaces its live lines in the function's document. */
  record(result: InvocationResult): void {
    this.buffer.record(result);
    this.appended.fire(result.functionName);
  }

  render(functionName: string): string {
    return this.buffer.render(functionName);
  }

  locate(functionName: string, requestId: string): LineRange | undefined {
    return this.buffer.locate(functionName, requestId);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
    this.appended.dispose();
  }
}
