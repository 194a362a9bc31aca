// The calls the extension makes to one local AWS service over the control channel (the `serviceCall` method):
// browsing a bucket, a table's items, a queue's messages, running a schedule now. Each service declares its
// own calls by merging into `ServiceCalls` from its own folder, so adding a service never edits this file:
//
//   declare module '../../protocol/service-calls' {
//     interface ServiceCalls { s3: { listObjects: { params: {…}; result: {…} } } }
//   }

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ServiceCalls {}

export type ServiceName = keyof ServiceCalls & string;
export type ServiceCallName<S extends ServiceName> = keyof ServiceCalls[S] & string;
export type ServiceCallParams<S extends ServiceName, C extends ServiceCallName<S>> = ServiceCalls[S][C] extends { params: infer P } ? P : never;
export type ServiceCallResult<S extends ServiceName, C extends ServiceCallName<S>> = ServiceCalls[S][C] extends { result: infer R } ? R : never;
