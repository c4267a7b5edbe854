-- wrk: every request asks for the first page (200 people) of one person's
-- candidates near their own area (GET /api/v1/candidates), with the token the
-- environment gives (BLENDIN_TOKEN).
wrk.method = "GET"
wrk.path = "/api/v1/candidates"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BLENDIN_TOKEN")
