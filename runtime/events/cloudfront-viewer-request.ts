// Lambda@Edge viewer request, `cloudfront-viewer-request`: the request as the viewer sent it to
// the distribution, before the cache.

import type { CloudFrontRequestEvent } from 'aws-lambda';
import { cloudFrontEvent, cloudFrontRequest, cloudFrontRequestParams, distribution, type CloudFrontRequestOptions } from './cloudfront-common';
import { defineEventGenerator } from './define';
import { DEFAULT_USER_AGENT } from './http-common';
import type { EventContext } from './types';

const NAME = 'cloudfront-viewer-request';

export const cloudFrontViewerRequestGenerator = defineEventGenerator<CloudFrontRequestOptions, CloudFrontRequestEvent>({
  name: NAME,
  description: 'Lambda@Edge viewer request (CloudFront, before the cache)',
  kind: 'cloudfront',
  params: cloudFrontRequestParams,
  build(o, ctx) {
    const dist = distribution(ctx);
    const viewer = cloudFrontRequest(NAME, o, [['Host', [dist.domainName]], ['User-Agent', [DEFAULT_USER_AGENT]], ['Accept', ['*/*']]]);
    return cloudFrontEvent(ctx, dist, 'viewer-request', viewer);
  },
});

export const generateCloudFrontViewerRequest = (options?: Partial<CloudFrontRequestOptions>, ctx?: Partial<EventContext>): CloudFrontRequestEvent =>
  cloudFrontViewerRequestGenerator.build(options, ctx);
