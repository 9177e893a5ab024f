-- A movement waits at most 10 s for the stock rows it locks (stock_prepare's FOR UPDATE), then
-- fails with lock_not_available, which postMovement reports as UNAVAILABLE (503, retry). Set on
-- the function, so it costs no round trip and applies whichever connection calls it.
ALTER FUNCTION stock_prepare(text[], text[], int[], int[], boolean[]) SET lock_timeout = '10s';
