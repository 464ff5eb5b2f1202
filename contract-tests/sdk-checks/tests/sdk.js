// Official SDK clients pointed at the emulator, configured exactly as a partner would (only the endpoint differs).
'use strict';
const Bss = require('@alicloud/bssopenapi20171214');
const Sts = require('@alicloud/sts20150401');
const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const RPCClient = require('@alicloud/pop-core');

function config(host, keys, extra = {}) {
  return new $OpenApiUtil.Config({
    accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret, securityToken: keys.securityToken,
    endpoint: host, protocol: 'http', ...extra,
  });
}

/** @alicloud/bssopenapi20171214: V3 (ACS3-HMAC-SHA256) by default, V1 with { signatureAlgorithm: 'v2' }. */
const bss = (host, keys, extra) => new Bss.default(config(host, keys, extra));
const sts = (host, keys, extra) => new Sts.default(config(host, keys, extra));
/** @alicloud/ecs20140526: V3 by default. */
const ecs = (host, keys, extra) => new Ecs.default(config(host, keys, { regionId: 'cn-hangzhou', ...extra }));

/** @alicloud/pop-core: V1 HMAC-SHA1 only, GET by default. */
const pop = (baseUrl, keys, apiVersion = '2017-12-14') =>
  new RPCClient({ accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret, securityToken: keys.securityToken, endpoint: baseUrl, apiVersion });

module.exports = { Bss, Sts, Ecs, bss, sts, ecs, pop };
