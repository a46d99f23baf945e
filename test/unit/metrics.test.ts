import { statusClassOf } from '../../src/metrics';

it.each([
  [{ statusCode: 200 }, '2xx'],
  [{ statusCode: 204 }, '2xx'],
  [{ statusCode: 301 }, '3xx'],
  [{ statusCode: 410 }, '4xx'],
  [{ statusCode: 429 }, '4xx'],
  [{ statusCode: 503 }, '5xx'],
  [{}, 'error'],
  [{ refused: true }, 'refused'],
  [{ refused: true, statusCode: 200 }, 'refused'],
])('labels %j as %s', (result, label) => {
  expect(statusClassOf(result)).toBe(label);
});
