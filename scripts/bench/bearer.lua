-- Sends grace's access token (BENCH_TOKEN, obtained by bench.sh before the scenarios).
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")
