import { refreshing } from '../../src/refreshing';

it('reads once per period, shares a read under way, and forgets a failed read', async () => {
  let now = 0;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  const read = jest
    .fn<Promise<number>, []>()
    .mockResolvedValueOnce(1)
    .mockRejectedValueOnce(new Error('down'))
    .mockResolvedValueOnce(3);
  const value = refreshing(1_000, read);

  expect(await Promise.all([value(), value()])).toEqual([1, 1]);
  now = 500;
  expect(await value()).toBe(1);
  now = 1_001;
  await expect(value()).rejects.toThrow('down');
  expect(await value()).toBe(3);
  expect(read).toHaveBeenCalledTimes(3);
  jest.restoreAllMocks();
});
