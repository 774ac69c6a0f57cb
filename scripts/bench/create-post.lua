-- POST /api/v1/posts as grace (BENCH_TOKEN, as bearer.lua): a published post of about 1 KB of
-- Markdown with two of the data set's tags, so each request renders, writes the row and its
-- post.published outbox row. Titles are unique per request ("Bench write <run>-<thread>-<n>":
-- the run is the second wrk started, the thread its number), so every slug is derived without a
-- collision; load.sh removes these posts before the next run's read scenarios.
local token = os.getenv("BENCH_TOKEN") or ""
local run = tostring(os.time())
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
end

local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
}
-- JSON-escaped Markdown: a heading, paragraphs, a list, inline code, a link and a code block.
local markdown = table.concat({
    "Most teams measure the latency of a service before they tune its cache, and the ",
    "throughput stays predictable when the deadline is bounded.\\n\\n",
    "## What we measured\\n\\n",
    "We measured the profiler output under load and the allocation rate stayed small. ",
    "See [the notes on latency](https://example.com/notes/latency) for the details.\\n\\n",
    "- Keep the cache bounded.\\n",
    "- Read `max_connections` before you tune the pool.\\n",
    "- Measure the workload before changing the throughput.\\n\\n",
    "```swift\\nlet rows = try await client.rows(limit: 20)\\nfor row in rows where row.size > 0 {\\n",
    "    print(row.id, row.size)\\n}\\n```\\n\\n",
    "## What we changed\\n\\n",
    "A careful actor protects the request when the server retries every record. If you profile ",
    "the cache first, the benchmark explains the latency. Surprisingly, a simple protocol is ",
    "better than a fragile default, and nobody notices until the cluster fails.\\n",
})
local count = 0

function request()
    count = count + 1
    local body = '{"title": "Bench write ' .. run .. '-' .. thread_number .. '-' .. count .. '", "body": "'
        .. markdown .. '", "tags": ["Swift", "Performance"], "status": "published"}'
    return wrk.format("POST", nil, headers, body)
end
