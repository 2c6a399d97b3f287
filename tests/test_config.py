"""Settings read from the environment."""
import pytest

from lab.config import from_environment


def test_post_rate_comes_from_the_environment_as_count_per_seconds():
    assert from_environment({"COCREA_POST_RATE": "3/60"}) == {"POST_RATE": (3, 60.0)}
    assert from_environment({"COCREA_POST_RATE": "1000000/1"}) == {"POST_RATE": (1000000, 1.0)}


@pytest.mark.parametrize("value", ["10", "diez/10", "10/", "0/10", "10/0", "-1/5"])
def test_a_malformed_post_rate_stops_the_start_with_the_variable_named(value):
    with pytest.raises(ValueError, match="COCREA_POST_RATE"):
        from_environment({"COCREA_POST_RATE": value})


def test_other_settings_stay_plain_text():
    assert from_environment({"COCREA_LANGUAGE": "en", "COCREA_POST_RATE": ""}) == {"BABEL_DEFAULT_LOCALE": "en"}
