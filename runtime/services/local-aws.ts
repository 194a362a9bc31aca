// The local AWS services as one object: built from their factories once the endpoint listens, kept in line
// with the template on every reload, and the one place that routes a message from one service to another
// (by the target's ARN) and an event to a function (with Lambda's recursive-loop detection).
import { admitInvocation, traceHeaderFor, type LoopStopped } from '../event-sources/recursion';
import type { MappingStatus } from '../event-sources/mappings/status';
import type { InvokeResult } from '../invoke/invocation';
import type { LocalScope } from '../template/local-values';
import type { FunctionConfig } from '../template/model';
import type { DataDir } from './data-dir';
import type { AwsEndpoint } from './endpoint/server';
import type { AsyncInvokeOptions, AsyncInvokeOutcome, Delivery, LocalModel, LocalService, ServiceContext, ServiceFactory, ServiceId, SyncInvokeOutcome } from './service';

/** What the runtime does for the services: find and invoke functions, log, report stopped loops. */
export interface ServiceHost {
  findFunction(reference: string): FunctionConfig | undefined;
  invokeAsync(functionName: string, payload: Buffer, options: { traceId?: string; trigger?: string }): string | undefined;
  invoke(functionName: string, payload: Buffer, options: { traceId?: string; trigger?: string }): Promise<InvokeResult | undefined>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  loopStopped(stop: LoopStopped): void;
}

export class LocalAws {
  private readonly services = new Map<ServiceId, LocalService>();

  constructor(
    readonly endpoint: AwsEndpoint,
    readonly dataDir: DataDir,
    readonly scope: LocalScope,
    private readonly host: ServiceHost,
    factories: readonly ServiceFactory[],
  ) {
    const context = this.context();
    for (const factory of factories) {
      const built = factory(context);
      for (const service of Array.isArray(built) ? built : [built]) this.services.set(service.id, service);
    }
    endpoint.serve((id) => this.services.get(id));
  }

  service(id: ServiceId): LocalService | undefined {
    return this.services.get(id);
  }

  /** Every service follows the template; one that fails says so and the others still run. */
  async sync(model: LocalModel): Promise<void> {
    await Promise.all([...new Set(this.services.values())].map(async (service) => {
      try {
        await service.sync(model);
      } catch (error) {
        this.host.log('error', `The local ${service.id} service could not apply the template: ${error instanceof Error ? error.message : String(error)}`);
      }
    }));
  }

  /** A call from the extension to one service. */
  async call(serviceId: string, call: string, params: unknown): Promise<unknown> {
    const service = this.services.get(serviceId as ServiceId);
    if (!service?.call) throw new Error(`The local AWS endpoint has no ${serviceId} service that answers calls.`);
    return service.call(call, params);
  }

  /** Every event source mapping the services run. */
  mappings(): MappingStatus[] {
    return [...new Set(this.services.values())].flatMap((service) => service.mappings?.() ?? []);
  }

  /** Clears the data of every service, of one, or of one resource of one, while the runtime runs. */
  async reset(model: LocalModel, serviceId?: string, resource?: string): Promise<void> {
    const targets = serviceId ? [this.services.get(serviceId as ServiceId)] : [...new Set(this.services.values())];
    if (serviceId && !targets[0]) throw new Error(`The local AWS endpoint has no ${serviceId} service.`);
    for (const service of targets) {
      if (!service) continue;
      if (service.reset) await service.reset(resource);
      else if (!resource) this.dataDir.reset(service.id);
    }
    // DynamoDB empties its tables itself and keeps its LevelDB store open: its folder must stay.
    if (!serviceId && !resource) this.dataDir.reset(undefined, this.services.has('dynamodb') ? ['dynamodb'] : []);
    await this.sync(model);
  }

  /** Hands a message to the queue, topic, bus or function its ARN names. */
  async deliver(targetArn: string, delivery: Delivery): Promise<void> {
    const service = /^arn:[^:]+:([^:]+):/.exec(targetArn)?.[1];
    if (service === 'lambda') {
      const outcome = this.invokeAsync(targetArn, Buffer.from(delivery.body), { chain: delivery.chain, trigger: delivery.sourceArn });
      if (!outcome.accepted && outcome.reason === 'no-such-function') throw new Error(`no function ${targetArn} in the template`);
      return;
    }
    const target = service ? this.services.get(service as ServiceId) : undefined;
    if (!target?.accept) throw new Error(`${targetArn} is not something Lambkin's local services can deliver to`);
    await target.accept(targetArn, delivery);
  }

  async close(): Promise<void> {
    await Promise.all([...new Set(this.services.values())].map((service) => service.close().catch(() => undefined)));
    await this.endpoint.close();
  }

  private context(): ServiceContext {
    return {
      scope: this.scope,
      dataFolder: (name) => this.dataDir.service(name),
      log: (level, message) => this.host.log(level, message),
      invokeAsync: (name, payload, options) => this.invokeAsync(name, payload, options),
      invoke: (name, payload, options) => this.invoke(name, payload, options),
      deliver: (arn, delivery) => this.deliver(arn, delivery),
    };
  }

  private admit(fn: FunctionConfig, options: AsyncInvokeOptions): { traceId?: string } | 'stopped' {
    if (!options.via) return { traceId: options.chain ? traceHeaderFor(options.chain) : undefined };
    const admission = admitInvocation(fn, options.chain, options.via);
    if (admission.admitted) return { traceId: admission.traceId };
    this.host.loopStopped(admission.stop);
    return 'stopped';
  }

  private invokeAsync(reference: string, payload: Buffer, options: AsyncInvokeOptions = {}): AsyncInvokeOutcome {
    const fn = this.host.findFunction(reference);
    if (!fn) return { accepted: false, reason: 'no-such-function' };
    const admitted = this.admit(fn, options);
    if (admitted === 'stopped') return { accepted: false, reason: 'recursive-loop' };
    const requestId = this.host.invokeAsync(fn.name, payload, { traceId: admitted.traceId, trigger: options.trigger });
    return requestId ? { accepted: true, requestId } : { accepted: false, reason: 'no-such-function' };
  }

  private async invoke(reference: string, payload: Buffer, options: AsyncInvokeOptions = {}): Promise<SyncInvokeOutcome> {
    const fn = this.host.findFunction(reference);
    if (!fn) return { kind: 'no-such-function' };
    const admitted = this.admit(fn, options);
    if (admitted === 'stopped') return { kind: 'recursive-loop' };
    const result = await this.host.invoke(fn.name, payload, { traceId: admitted.traceId, trigger: options.trigger });
    return result ? { kind: 'invoked', result } : { kind: 'no-such-function' };
  }
}
