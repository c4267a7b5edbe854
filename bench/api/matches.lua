-- wrk: every request asks for one person's matches (GET /api/v1/matches?k=10)
-- with the token the environment gives (BLENDIN_TOKEN).
wrk.method = "GET"
wrk.path = "/api/v1/matches?k=10"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BLENDIN_TOKEN")
