-- wrk script: nearby queries from random points in central Shanghai (WGS-84), fixed seed per thread.
-- NEARBY_PATH sends the same query strings to another path: run-http.sh's floor gets the same request
-- lines, so that wrk's own work (this script, on the cores the host uses) is the same on both sides.
local counter = 0
local limit = os.getenv("NEARBY_LIMIT") or "10"
local path = os.getenv("NEARBY_PATH") or "/api/sites/nearby"
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
  return wrk.format("GET", string.format("%s?lat=%.5f&lng=%.5f&limit=%s", path, lat, lng, limit))
end
