import { transportErrorCode } from '../../src/delivery/classify';

describe('transportErrorCode', () => {
  it.each<[string[], string]>([
    [['ERR_SSL_WRONG_VERSION_NUMBER'], 'tls'],
    [['UND_ERR_SOCKET', 'ERR_TLS_CERT_ALTNAME_INVALID'], 'tls'],
    [['UNABLE_TO_VERIFY_LEAF_SIGNATURE'], 'tls'],
    [['DEPTH_ZERO_SELF_SIGNED_CERT'], 'tls'],
    [['CERT_HAS_EXPIRED'], 'tls'],
    [['EPROTO'], 'tls'],
    [['UND_ERR_CONNECT_TIMEOUT'], 'timeout'],
    [['UND_ERR_HEADERS_TIMEOUT'], 'timeout'],
    [['ETIMEDOUT'], 'timeout'],
    [['ECONNREFUSED'], 'connection'],
    [['ECONNRESET'], 'connection'],
    [['ENOTFOUND'], 'connection'],
    [['UND_ERR_SOCKET'], 'connection'],
    [[], 'connection'],
  ])('%j is %s', (codes, expected) => {
    expect(transportErrorCode(codes)).toBe(expected);
  });
});
