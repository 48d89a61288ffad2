-- wrk script: POST signed call.ended deliveries, cycling through webhooks.tsv (one per line:
-- "<X-Fonella-Signature>\t<body>"), each thread from its own offset. Args: <tsv file> <path>
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "report.lua")

-- PACE_MS > 0: each connection waits that long between requests (an offered load below saturation)
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  function delay()
    return pace
  end
end

local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  reqs = {}
  for line in io.lines(args[1]) do
    local tab = line:find("\t", 1, true)
    reqs[#reqs + 1] = wrk.format("POST", args[2], {
      ["Content-Type"] = "application/json",
      ["X-Fonella-Signature"] = line:sub(1, tab - 1),
    }, line:sub(tab + 1))
  end
  idx = ((id or 0) * 509) % #reqs
end

function request()
  idx = idx % #reqs + 1
  return reqs[idx]
end
