-- PUT a goal with If-Match, as the plan editor saves one. Each thread takes its own share of
-- GOALS and goes round them, so no two requests in flight name the same goal; the ETag of
-- each answer is the If-Match of that goal's next save.

local mine, by_id, i = {}, {}, 0

function init(args)
  for k = tid + 1, #GOALS, THREADS do
    local goal = GOALS[k]
    table.insert(mine, goal)
    by_id[goal.id] = goal
  end
end

function request()
  i = i % #mine + 1
  local goal = mine[i]
  return wrk.format("PUT", goal.path, {
    ["Cookie"] = COOKIE,
    ["Content-Type"] = "application/json",
    ["X-Ourplan-Csrf"] = "1",
    ["If-Match"] = goal.etag,
  }, goal.body)
end

function response(status, headers, body)
  if status ~= 200 then
    return
  end
  local id = body:match('^{"id":"([^"]+)"')
  local etag = headers["etag"] or headers["ETag"]
  local goal = id and by_id[id]
  if goal and etag then
    goal.etag = etag
  end
end
