// CodePipeline "Invoke" action jobs, `codepipeline-job`: the action's UserParameters, input and
// output artifacts in the pipeline's S3 artifact store, and temporary credentials to read them.

import type { Artifact, CodePipelineEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { base64Id, digits, upperAlnum, uuid } from './ids';
import { EventInputError, type EventContext } from './types';

const NAME = 'codepipeline-job';

export type CodePipelineJobOptions = { userParameters: string; functionName: string; pipeline: string; inputArtifact: string; outputArtifact: string; continuationToken: string };

const ARTIFACT_NAME = /^[A-Za-z0-9_-]{1,100}$/;

export const codePipelineJobGenerator = defineEventGenerator<CodePipelineJobOptions, CodePipelineEvent>({
  name: NAME,
  description: 'CodePipeline Lambda invoke action job (artifacts in S3, temporary credentials)',
  kind: 'codepipeline',
  params: {
    userParameters: { description: 'The action\'s UserParameters', type: 'string', default: 'user-parameter-string' },
    functionName: { description: 'FunctionName of the action', type: 'string', default: 'MyFunction' },
    pipeline: { description: 'Pipeline name (artifact keys start with it)', type: 'string', default: 'MyPipeline' },
    inputArtifact: { description: 'Input artifact name (empty: none)', type: 'string', default: 'SourceArtifact' },
    outputArtifact: { description: 'Output artifact name (empty: none)', type: 'string', default: 'BuildArtifact' },
    continuationToken: { description: 'Set when the job continues an earlier run that returned one (empty: none)', type: 'string', default: '' },
  },
  build(o, ctx) {
    for (const [param, value] of [['inputArtifact', o.inputArtifact], ['outputArtifact', o.outputArtifact]] as const) {
      if (value !== '' && !ARTIFACT_NAME.test(value)) {
        throw new EventInputError(`Parameter "${param}" of ${NAME}: "${value}" is not an artifact name (letters, digits, _ and -).`);
      }
    }
    if (!/^[A-Za-z0-9.@_-]{1,100}$/.test(o.pipeline)) throw new EventInputError(`Parameter "pipeline" of ${NAME}: "${o.pipeline}" is not a pipeline name.`);
    const bucketName = `codepipeline-${ctx.region}-${digits(ctx.ids, 12)}`;
    // The artifact store's keys: pipeline name and artifact name, each cut to 20 characters, then a random name.
    const artifact = (name: string, revision: string | null): Artifact => ({
      name,
      revision,
      location: { type: 'S3', s3Location: { bucketName, objectKey: `${o.pipeline.slice(0, 20)}/${name.slice(0, 20)}/${upperAlnum(ctx.ids, 7)}` } },
    });
    return {
      'CodePipeline.job': {
        id: uuid(ctx.ids),
        accountId: ctx.accountId,
        data: {
          actionConfiguration: { configuration: { FunctionName: o.functionName, UserParameters: o.userParameters } },
          inputArtifacts: o.inputArtifact === '' ? [] : [artifact(o.inputArtifact, ctx.ids.hex(40))],
          outputArtifacts: o.outputArtifact === '' ? [] : [artifact(o.outputArtifact, null)],
          artifactCredentials: { accessKeyId: `ASIA${upperAlnum(ctx.ids, 16)}`, secretAccessKey: base64Id(ctx.ids, 30), sessionToken: base64Id(ctx.ids, 300) },
          ...(o.continuationToken === '' ? {} : { continuationToken: o.continuationToken }),
        },
      },
    };
  },
});

export const generateCodePipelineJob = (options?: Partial<CodePipelineJobOptions>, ctx?: Partial<EventContext>): CodePipelineEvent =>
  codePipelineJobGenerator.build(options, ctx);
