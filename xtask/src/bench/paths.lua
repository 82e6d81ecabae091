-- GET each of PATHS in turn, signed in with COOKIE (if any).

local n = 0

function init(args)
  n = tid
end

function request()
  n = n + 1
  local headers = {}
  if COOKIE ~= "" then
    headers["Cookie"] = COOKIE
  end
  return wrk.format("GET", PATHS[n % #PATHS + 1], headers)
end
