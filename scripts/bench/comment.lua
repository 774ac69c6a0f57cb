-- POST /api/v1/posts/bench-post/comments by the 50 bench users in turn (BENCH_TOKENS: their
-- access tokens, comma-separated, obtained by bench.sh), each request the next user's. A plain
-- comment without links by users who already have approved comments: approved at once, so each
-- accepted request writes the row, its comment.created outbox row and the limiter's count.
-- The limit (5 per minute per account, API.md) lets at most 250 a minute through for 50 users;
-- the rest are 429 (counted as non2xx), so req/s is mostly the refused path (token check and
-- the limiter's round trip) and the accepted writes are at most ~4/s. Bodies start "Bench
-- comment <run>-<thread>-<n>"; load.sh removes them before the next run's read scenarios.
local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do tokens[#tokens + 1] = token end
if #tokens == 0 then tokens[1] = os.getenv("BENCH_TOKEN") or "" end
local run = tostring(os.time())
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
end

local count = 0

function request()
    count = count + 1
    -- Threads start at different users so that they do not all hit one account at once.
    local token = tokens[((count + (thread_number or 1) * 7) % #tokens) + 1]
    local body = '{"body": "Bench comment ' .. run .. '-' .. (thread_number or 0) .. '-' .. count
        .. ': thanks for the write-up, the part about the planner was new to me."}'
    return wrk.format("POST", nil, {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
