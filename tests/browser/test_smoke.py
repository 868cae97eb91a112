"""Anonymous pages a visitor reaches first."""


def test_home_and_statistics(journey):
    journey.goto("/", check="home")
    journey.goto("/stats", check="stats", charts=1)


def test_logged_in_top_bar(journey):
    journey.log_in("officer@sangsaeng-demo.kr")
    journey.goto("/dashboard", check="dashboard")
