"""Templates are sandboxed: an operator's folder renders values, never reaches Python itself."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError

from digest.render import environment


def test_a_template_cannot_reach_python_internals():
    env = environment({})

    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()


def test_a_templates_folder_outside_the_configs_folder_is_refused(write_config, run_cli, tmp_path):
    config = write_config(settings={"templates": "../elsewhere"})
    (tmp_path.parent / "elsewhere").mkdir(exist_ok=True)

    result = run_cli("--config", config, "validate")

    assert result.exit_code == 1
    assert "templates" in result.stderr and "outside the config's folder" in result.stderr
