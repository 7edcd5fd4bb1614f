import { classifyServiceError, RATE_LIMIT_DELAYS_MS, withBackoff } from '../../../src/core/alerts/backoff';

const RATE = 'Service invoked too many times in a short time: email. Try Utilities.sleep(1000) between calls.';
const QUOTA = 'Service invoked too many times for one day: email.';

/** A fake clock that only moves when the script sleeps, recording each pause. */
function clock() {
  let t = 0;
  const pauses: number[] = [];
  return {
    now: () => t,
    sleep: (ms: number) => {
      pauses.push(ms);
      t += ms;
    },
    pauses,
  };
}

test('Google\'s two "too many times" errors are told apart', () => {
  expect(classifyServiceError(RATE)).toBe('rate limit');
  expect(classifyServiceError(QUOTA)).toBe('daily quota');
  expect(classifyServiceError('Failed to send email: connection refused')).toBe('other');
});

test('a rate-limited call is retried after growing pauses and its result returned', () => {
  const c = clock();
  let calls = 0;
  const result = withBackoff(
    () => {
      calls++;
      if (calls < 3) throw new Error(RATE);
      return 'sent';
    },
    { delaysMs: RATE_LIMIT_DELAYS_MS, deadline: 60_000, ...c },
  );
  expect(result).toBe('sent');
  expect(c.pauses).toEqual([1_000, 2_000]);
});

test('the daily quota and other errors are not retried', () => {
  for (const message of [QUOTA, 'Invalid email: x']) {
    const c = clock();
    let calls = 0;
    expect(() =>
      withBackoff(
        () => {
          calls++;
          throw new Error(message);
        },
        { delaysMs: RATE_LIMIT_DELAYS_MS, deadline: 60_000, ...c },
      ),
    ).toThrow(message);
    expect(calls).toBe(1);
    expect(c.pauses).toEqual([]);
  }
});

test('it gives up with the rate-limit error after the last pause, or when a pause would pass the deadline', () => {
  const always = () => {
    throw new Error(RATE);
  };
  const c = clock();
  expect(() => withBackoff(always, { delaysMs: RATE_LIMIT_DELAYS_MS, deadline: 60_000, ...c })).toThrow(RATE);
  expect(c.pauses).toEqual([1_000, 2_000, 4_000, 8_000]);

  const tight = clock();
  expect(() => withBackoff(always, { delaysMs: RATE_LIMIT_DELAYS_MS, deadline: 3_500, ...tight })).toThrow(RATE);
  expect(tight.pauses).toEqual([1_000, 2_000]); // a 4 s pause at 3 s would end past 3.5 s
});
