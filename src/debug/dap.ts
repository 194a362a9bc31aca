// The Debug Adapter Protocol plumbing of an inline adapter: numbered messages out, requests in, one
// response per request. Shaped like vscode.DebugAdapter (handleMessage, onDidSendMessage, dispose) so
// VS Code can run it inline, yet free of vscode so tests can drive it message by message.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Emitter, type Disposable } from '../util/emitter';

export type OutputCategory = 'console' | 'stdout' | 'stderr' | 'important';

export abstract class InlineDebugAdapter implements Disposable {
  private seq = 1;
  private readonly sent = new Emitter<DebugProtocol.ProtocolMessage>();
  /** Every message the adapter sends (responses and events), in order. */
  readonly onDidSendMessage = this.sent.event;

  /** VS Code calls this with each message of the client. */
  handleMessage(message: DebugProtocol.ProtocolMessage): void {
    if (message.type !== 'request') return;
    const request = message as DebugProtocol.Request;
    void this.dispatch(request).then(
      (body) => this.respond(request, true, body),
      (error: unknown) => this.respond(request, false, undefined, error instanceof Error ? error.message : String(error)),
    );
  }

  /** Answers one request: resolves with the response body, or rejects with the message the user sees. */
  protected abstract dispatch(request: DebugProtocol.Request): Promise<unknown>;

  protected sendEvent(event: string, body?: unknown): void {
    this.send({ type: 'event', event, ...(body === undefined ? {} : { body }) });
  }

  /** One line (or more) in the Debug Console. */
  protected output(text: string, category: OutputCategory = 'console'): void {
    this.sendEvent('output', { category, output: text.endsWith('\n') ? text : `${text}\n` } satisfies DebugProtocol.OutputEvent['body']);
  }

  private respond(request: DebugProtocol.Request, success: boolean, body: unknown, message?: string): void {
    this.send({
      type: 'response',
      request_seq: request.seq,
      command: request.command,
      success,
      ...(message === undefined ? {} : { message }),
      ...(body === undefined ? {} : { body }),
    });
  }

  private send(message: Record<string, unknown>): void {
    this.sent.fire({ ...message, seq: this.seq++ } as DebugProtocol.ProtocolMessage);
  }

  dispose(): void {
    this.sent.dispose();
  }
}
