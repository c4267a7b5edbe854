-- wrk: every request registers one person (POST /api/v1/profiles), the body
-- read from the file the environment names (BLENDIN_REGISTRATION).
local file = io.open(os.getenv("BLENDIN_REGISTRATION"), "r")
wrk.method = "POST"
wrk.path = "/api/v1/profiles"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

