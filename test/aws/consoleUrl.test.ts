import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endpointConsoleUrl } from '../../aws/endpoints';

// Open in AWS Console: the endpoint's page in the console of the region's partition. The
// region comes from the user's profile or environment, not from AWS: text that is not a
// region name must not become part of the host name.

describe('endpointConsoleUrl', () => {
  it('opens the regional console of the commercial partition', () => {
    assert.equal(
      endpointConsoleUrl('eu-central-1', 'orders-prod'),
      'https://eu-central-1.console.aws.amazon.com/sagemaker/home?region=eu-central-1#/endpoints/orders-prod',
    );
  });

  it('opens the console of the China and GovCloud partitions on their own domains', () => {
    assert.equal(
      endpointConsoleUrl('cn-north-1', 'orders'),
      'https://console.amazonaws.cn/sagemaker/home?region=cn-north-1#/endpoints/orders',
    );
    assert.equal(
      endpointConsoleUrl('cn-northwest-1', 'orders'),
      'https://console.amazonaws.cn/sagemaker/home?region=cn-northwest-1#/endpoints/orders',
    );
    assert.equal(
      endpointConsoleUrl('us-gov-west-1', 'orders'),
      'https://console.amazonaws-us-gov.com/sagemaker/home?region=us-gov-west-1#/endpoints/orders',
    );
  });

  it('keeps a region that is not a region name out of the host, and encodes it and the endpoint name', () => {
    const url = new URL(endpointConsoleUrl('evil.example/x#', 'a b'));
    assert.equal(url.host, 'console.aws.amazon.com');
    assert.equal(url.searchParams.get('region'), 'evil.example/x#');
    assert.equal(url.hash, '#/endpoints/a%20b');
  });
});
