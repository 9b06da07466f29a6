"""Processes a command started, found by a mark in their environment, which every process it
starts inherits: found even once their parent has gone and they were moved to another."""

from __future__ import annotations

import uuid

import psutil

MARK = "RIVALRADAR_TEST_PROCESS"


def new_mark() -> dict[str, str]:
    """The environment variable to give the command."""
    return {MARK: uuid.uuid4().hex}


def marked(env: dict[str, str], but: int) -> list[psutil.Process]:
    """The processes running with the mark of `env`, except the process `but` (the command)."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.pid != but and process.environ().get(MARK) == env[MARK]:
                found.append(process)
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return found


def left_behind(env: dict[str, str], but: int) -> list[psutil.Process]:
    """Those still alive a while after the command exited: a fork server ends when its last
    client does, a moment after."""
    _, alive = psutil.wait_procs(marked(env, but), timeout=30)
    return alive
