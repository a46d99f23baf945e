import { destinationSchemas } from '../../src/destinations/schemas';
import {
  destinationUrlProblem,
  headerNameProblem,
  headerValueProblem,
} from '../../src/destinations/rules';

describe('destinationUrlProblem', () => {
  const strict = { allowHttp: false };
  it.each([
    'https://hooks.example.com/x',
    'https://hooks.example.com:8443/x?y=1',
    'https://[2001:db8::1]/x',
  ])('accepts %s', (url) => expect(destinationUrlProblem(url, strict)).toBeUndefined());

  it.each([
    ['http://hooks.example.com', 'must use https'],
    ['ftp://hooks.example.com', 'must use https'],
    ['hooks.example.com/x', 'absolute URL'],
    ['https://user:pass@hooks.example.com', 'credentials'],
    ['https://user@hooks.example.com', 'credentials'],
    ['https://hooks.example.com/#frag', 'fragment'],
    [`https://hooks.example.com/${'a'.repeat(2030)}`, 'at most 2048'],
  ])('refuses %s', (url, reason) => expect(destinationUrlProblem(url, strict)).toContain(reason));

  it('accepts http only when HERALD_ALLOW_HTTP is on', () => {
    expect(destinationUrlProblem('http://localhost:9000', { allowHttp: true })).toBeUndefined();
    expect(destinationUrlProblem('ftp://localhost', { allowHttp: true })).toContain(
      'http or https',
    );
  });
});

describe('header rules', () => {
  it.each(['Authorization', 'X-Api-Key', 'x_custom', "a!#$%&'*+-.^_`|~"])(
    'accepts name %s',
    (name) => expect(headerNameProblem(name)).toBeUndefined(),
  );
  it.each(['X A', 'X:A', 'Ünicode', '', 'a\nb'])('refuses name %j', (name) =>
    expect(headerNameProblem(name)).toContain('RFC 9110'),
  );
  it.each([
    'Content-Type',
    'content-length',
    'HOST',
    'User-Agent',
    'webhook-id',
    'Webhook-Signature',
    'webhook-anything',
    'traceparent',
    'TraceState',
  ])('refuses reserved %s', (name) =>
    expect(headerNameProblem(name)).toContain('cannot be overridden'),
  );
  it.each([
    'Transfer-Encoding',
    'expect',
    'Connection',
    'Keep-Alive',
    'Upgrade',
    'TE',
    'Trailer',
    'Proxy-Authorization',
  ])('refuses connection header %s', (name) =>
    expect(headerNameProblem(name)).toContain('cannot be set'),
  );
  it.each(['a\r\nb', 'a\nb', 'a\rb', 'a\u0000b'])('refuses value %j', (value) =>
    expect(headerValueProblem(value)).toContain('control characters'),
  );
  it('accepts tabs and visible characters, refuses long values', () => {
    expect(headerValueProblem('Bearer abc\tdef')).toBeUndefined();
    expect(headerValueProblem('x'.repeat(5000))).toContain('at most');
  });
});

describe('destination schemas', () => {
  const { create, update } = destinationSchemas({ allowHttp: false });
  const base = { url: 'https://h.example.com', events: ['flow.created'] };

  it('fills defaults on create', () => {
    expect(create.parse(base)).toEqual({ ...base, enabled: true, format: 'webhook' });
  });
  it('leaves enabled alone on update unless given', () => {
    expect(update.parse({ description: 'x' })).toEqual({ description: 'x' });
  });
  it('refuses duplicate header names that differ only in case', () => {
    const result = create.safeParse({ ...base, headers: { 'X-A': '1', 'x-a': '2' } });
    expect(result.success).toBe(false);
  });
});
