-- POST /api/v1/auth/login as grace (every bench user's password is BENCH_PASSWORD).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local password = os.getenv("BENCH_PASSWORD") or "bench-password-2026"
wrk.body = '{"login": "grace", "password": "' .. password .. '"}'
