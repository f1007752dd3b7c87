-- wrk script: nearby queries from random points in central Shanghai (WGS-84), fixed seed per thread.
local counter = 0
local limit = os.getenv("NEARBY_LIMIT") or "10"
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args)
  math.randomseed(42 + (seed or 0))
end
function request()
  local lat = 31.10 + math.random() * 0.25
  local lng = 121.35 + math.random() * 0.25
  return wrk.format("GET", string.format("/api/sites/nearby?lat=%.5f&lng=%.5f&limit=%s", lat, lng, limit))
end
