// Lambda@Edge origin request, `cloudfront-origin-request`: after a cache miss, on its way to the
// origin: CloudFront's own headers (Via, X-Forwarded-For, its User-Agent), Host of the origin, and
// the `origin` object (custom or S3) the function may change.

import type { CloudFrontOrigin, CloudFrontRequestEvent } from 'aws-lambda';
import { cloudFrontEvent, cloudFrontRequest, cloudFrontRequestParams, distribution, type CloudFrontRequestOptions } from './cloudfront-common';
import { defineEventGenerator } from './define';
import { dnsSuffixOf } from './format';
import { EventInputError, type EventContext } from './types';

const NAME = 'cloudfront-origin-request';

export type CloudFrontOriginRequestOptions = CloudFrontRequestOptions & { originType: string; originDomain: string };

function originOf(ctx: EventContext, type: string, domain: string): CloudFrontOrigin {
  if (type === 'custom') {
    return {
      custom: {
        customHeaders: {}, domainName: domain || 'example.org', keepaliveTimeout: 5, path: '', port: 443, protocol: 'https',
        readTimeout: 30, sslProtocols: ['TLSv1.2'],
      },
    };
  }
  if (type === 's3') {
    return { s3: { authMethod: 'none', customHeaders: {}, domainName: domain || `example-bucket.s3.${ctx.region}.${dnsSuffixOf(ctx.region)}`, path: '' } };
  }
  throw new EventInputError(`Parameter "originType" of ${NAME} must be custom or s3; got ${JSON.stringify(type)}.`);
}

export const cloudFrontOriginRequestGenerator = defineEventGenerator<CloudFrontOriginRequestOptions, CloudFrontRequestEvent>({
  name: NAME,
  description: 'Lambda@Edge origin request (CloudFront, on a cache miss, with the origin)',
  kind: 'cloudfront',
  params: {
    ...cloudFrontRequestParams,
    originType: { description: 'custom (an HTTP origin) or s3 (a bucket)', type: 'string', default: 'custom' },
    originDomain: { description: 'Origin domain name (empty: example.org, or a bucket domain for s3)', type: 'string', default: '' },
  },
  build(o, ctx) {
    const dist = distribution(ctx);
    const origin = originOf(ctx, o.originType, o.originDomain);
    const originDomain = origin.custom?.domainName ?? origin.s3?.domainName ?? '';
    // CloudFront forwards only the headers the cache policy allows; by default its own replace the viewer's.
    const request = cloudFrontRequest(NAME, o, [], [
      ['X-Forwarded-For', [o.clientIp]],
      ['User-Agent', ['Amazon CloudFront']],
      ['Via', [`2.0 ${ctx.ids.hex(32)}.cloudfront.net (CloudFront)`]],
      ['Host', [originDomain]],
    ]);
    return cloudFrontEvent(ctx, dist, 'origin-request', { ...request, origin });
  },
});

export const generateCloudFrontOriginRequest = (options?: Partial<CloudFrontOriginRequestOptions>, ctx?: Partial<EventContext>): CloudFrontRequestEvent =>
  cloudFrontOriginRequestGenerator.build(options, ctx);
