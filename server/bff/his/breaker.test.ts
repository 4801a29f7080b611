/** The circuit breaker's counting rules, on a fake clock (the transport tests drive it through the sandbox). */
import { CircuitBreaker } from './breaker';

function breaker() {
  let clock = 0;
  const b = new CircuitBreaker({ failureThreshold: 3, windowMs: 1_000, openMs: 500, now: () => clock });
  return { b, advance: (ms: number) => (clock += ms) };
}

describe('the circuit breaker', () => {
  it('opens on the Nth failure within the window', () => {
    const { b, advance } = breaker();
    b.failure();
    advance(400);
    b.failure();
    expect(b.state()).toBe('closed');
    advance(400);
    b.failure();
    expect(b.stats()).toEqual({ state: 'open', recentFailures: 0, opened: 1 });
    expect([b.allows(), b.admit()]).toEqual([false, false]);
  });

  it('forgets failures older than the window, and all of them after a success', () => {
    const { b, advance } = breaker();
    b.failure();
    b.failure();
    advance(1_000);
    b.failure();
    expect(b.state()).toBe('closed');
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.stats()).toEqual({ state: 'closed', recentFailures: 2, opened: 0 });
  });

  it('admits one trial after openMs; success closes, failure reopens, abandoning frees the trial', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i += 1) b.failure();
    advance(499);
    expect(b.state()).toBe('open');
    advance(1);
    expect(b.state()).toBe('half_open');
    expect([b.admit(), b.admit(), b.allows()]).toEqual([true, false, false]);
    b.abandon();
    expect(b.admit()).toBe(true);
    b.failure();
    expect(b.stats()).toMatchObject({ state: 'open', opened: 2 });
    advance(500);
    expect(b.admit()).toBe(true);
    b.success();
    expect(b.stats()).toEqual({ state: 'closed', recentFailures: 0, opened: 2 });
    expect(b.admit()).toBe(true);
  });
});
