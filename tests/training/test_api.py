"""/api/v1/courses: publish, list and filter, enrol (a seat or the waiting list), cancel, attendance; the usual
error JSON for bad input, missing rows and refused actions."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error_shape, bearer
from tests.training.making import course_command, enrol, publish


def body(**fields) -> dict:
    return course_command(**fields).model_dump(mode="json")


def test_an_organiser_publishes_a_course(client, world):
    response = client.post("/api/v1/courses", json=body(sessions=2), headers=bearer(world.organiser.token))
    assert response.status_code == 201, response.get_json()
    course = response.get_json()
    assert course["status"] == "open"
    assert course["seats_left"] == 2
    assert [(s["starts"], s["ends"]) for s in course["sessions"]] == [("14:00", "17:00")] * 2
    assert course["sessions_to_complete"] == 2
    assert client.get(f"/api/v1/courses/{course['id']}").get_json()["title"] == "AI 데이터 분석 실무"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": "ten"}, "capacity"),
        ({"fee_krw": -5}, "fee_krw"),
        ({"topic": "cooking"}, "topic"),
        ({"sessions": []}, "sessions"),
        ({"sessions": [{"day": "2027-13-01", "starts": "09:00", "ends": "10:00"}]}, "sessions"),
        ({"sessions": [{"day": "2027-03-01", "starts": "25:00", "ends": "26:00"}]}, "sessions"),
        ({"place": None, "online": False}, "place"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_bad_course_bodies_are_refused_naming_the_field(client, world, change, field):
    response = client.post("/api/v1/courses", json=body() | change, headers=bearer(world.organiser.token))
    error = assert_error_shape(response, 400, "validation_failed")
    assert field in error["fields"]


def test_an_sme_cannot_publish(client, world):
    response = client.post("/api/v1/courses", json=body(), headers=bearer(world.sme.token))
    assert_error_shape(response, 403, "forbidden")


def test_the_list_filters_by_topic_complex_online_and_fee(app, db_session, client, world):
    publish(app, db_session, world.organiser.user, title="반월 AI", topic="ai")
    publish(app, db_session, world.organiser.user, title="온라인 IoT", topic="iot", online=True, place=None)
    publish(app, db_session, world.organiser.user, title="유료 로봇", topic="robots", fee_krw=100_000)

    def titles(query: str) -> list[str]:
        response = client.get(f"/api/v1/courses?{query}")
        assert response.status_code == 200, response.get_json()
        return sorted(item["title"] for item in response.get_json()["items"])

    assert titles("topic=ai") == ["반월 AI"]
    assert titles("online=true") == ["온라인 IoT"]
    assert titles("free=false") == ["유료 로봇"]
    assert titles("complex=banwol&free=true") == ["반월 AI", "온라인 IoT"]
    assert_error_shape(client.get("/api/v1/courses?topic=cooking"), 400, "validation_failed")
    assert_error_shape(client.get("/api/v1/courses?colour=red"), 400, "validation_failed")


def test_enrolment_seat_then_waiting_list_then_promotion(app, db_session, client, world):
    course = publish(app, db_session, world.organiser.user, capacity=1)
    url = f"/api/v1/courses/{course.id}/enrolments"
    first = client.post(
        url, json={"learner_name": "김민준", "learner_role": "생산팀장"}, headers=bearer(world.sme.token)
    )
    second = client.post(url, json={"learner_name": "박도윤"}, headers=bearer(world.other_sme.token))
    assert (first.status_code, first.get_json()["status"]) == (201, "enrolled")
    assert (second.status_code, second.get_json()["status"]) == (201, "waiting")
    seen_by_sme = client.get(url, headers=bearer(world.sme.token)).get_json()["items"]
    assert [item["learner_name"] for item in seen_by_sme] == ["김민준"]  # its own learners only
    seen_by_organiser = client.get(url, headers=bearer(world.organiser.token)).get_json()["items"]
    assert [item["status"] for item in seen_by_organiser] == ["enrolled", "waiting"]
    cancel = client.post(f"{url}/{first.get_json()['id']}/cancel", headers=bearer(world.sme.token))
    assert (cancel.status_code, cancel.get_json()["status"]) == (200, "cancelled")
    mine = client.get("/api/v1/courses/enrolments/mine", headers=bearer(world.other_sme.token)).get_json()["items"]
    assert [(item["learner_name"], item["status"]) for item in mine] == [("박도윤", "enrolled")]
    again = client.post(f"{url}/{first.get_json()['id']}/cancel", headers=bearer(world.sme.token))
    assert_error_shape(again, 409, "invalid_transition")


def test_enrolment_refusals(app, db_session, client, world):
    course = publish(app, db_session, world.organiser.user)
    url = f"/api/v1/courses/{course.id}/enrolments"
    assert_error_shape(client.post(url, json={"learner_name": "김민준"}), 401, "unauthorised")
    assert_error_shape(
        client.post(url, json={"learner_name": ""}, headers=bearer(world.sme.token)), 400, "validation_failed"
    )
    bad_email = client.post(url, json={"learner_name": "김", "learner_email": "no"}, headers=bearer(world.sme.token))
    assert "learner_email" in assert_error_shape(bad_email, 400, "validation_failed")["fields"]
    assert_error_shape(
        client.post(url, json={"learner_name": "김"}, headers=bearer(world.organiser.token)), 403, "forbidden"
    )
    missing = client.post(
        "/api/v1/courses/999999/enrolments", json={"learner_name": "김"}, headers=bearer(world.sme.token)
    )
    assert_error_shape(missing, 404, "not_found")


def test_another_smes_enrolment_does_not_exist_for_you(app, db_session, client, world):
    course = publish(app, db_session, world.organiser.user)
    enrolment = enrol(app, db_session, world.sme.user, course, "김민준")
    url = f"/api/v1/courses/{course.id}/enrolments/{enrolment.id}/cancel"
    assert_error_shape(client.post(url, headers=bearer(world.other_sme.token)), 404, "not_found")
    wrong_course = publish(app, db_session, world.organiser.user)
    other_url = f"/api/v1/courses/{wrong_course.id}/enrolments/{enrolment.id}/cancel"
    assert_error_shape(client.post(other_url, headers=bearer(world.sme.token)), 404, "not_found")


def test_attendance_completes_learners_at_the_rule(app, db_session, client, world):
    course = publish(app, db_session, world.organiser.user, sessions=1)
    enrolment = enrol(app, db_session, world.sme.user, course, "김민준")
    url = f"/api/v1/courses/{course.id}/sessions/{course.sessions[0].id}/attendance"
    response = client.put(url, json={"present": [enrolment.id]}, headers=bearer(world.organiser.token))
    assert response.status_code == 200, response.get_json()
    completed = response.get_json()["completed"]
    assert [(c["learner_name"], c["status"], c["certificate_number"]) for c in completed] == [
        ("김민준", "completed", enrolment.certificate_number)
    ]
    assert_error_shape(
        client.put(url, json={"present": [enrolment.id]}, headers=bearer(world.sme.token)), 403, "forbidden"
    )
    assert_error_shape(
        client.put(url, json={"present": [999999]}, headers=bearer(world.organiser.token)), 400, "validation_failed"
    )
    assert_error_shape(
        client.put(url, json={"present": "all"}, headers=bearer(world.organiser.token)), 400, "validation_failed"
    )
    other = f"/api/v1/courses/{course.id}/sessions/999999/attendance"
    assert_error_shape(client.put(other, json={"present": []}, headers=bearer(world.organiser.token)), 404, "not_found")
