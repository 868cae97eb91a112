from tests.funds.conftest import apply, move


def test_flow(client, world, runner):
    project = apply(client, world)
    print(project)
    for side, action in [
        (world.sponsor, "select"),
        (world.officer, "agree"),
        (world.supplier, "start_design"),
        (world.supplier, "start_build"),
        (world.officer, "inspect"),
        (world.sme, "complete"),
    ]:
        r = move(client, side, project["id"], action)
        assert r.status_code == 200, r.get_json()
    print(client.get(f"/api/v1/programmes/{world.programme.id}/balance", headers=world.sme.headers).get_json())
    print(client.get("/api/v1/government-programmes/1/balance", headers=world.sme.headers).get_json())
    result = runner.invoke(args=["funds", "check"])
    print(result.output)
    assert result.exit_code == 0
