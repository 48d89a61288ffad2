-- wrk script: POST the tool arguments with the tool secret. Args: <body file> <path> <secret>
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "report.lua")

-- PACE_MS > 0: each connection waits that long between requests (an offered load below saturation)
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  function delay()
    return pace
  end
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local body = f:read("*a")
  f:close()
  req = wrk.format("POST", args[2], {
    ["Content-Type"] = "application/json",
    ["X-Fonella-Tool-Secret"] = args[3],
  }, body)
end

function request()
  return req
end
