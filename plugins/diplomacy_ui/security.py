"""Who may read and who may write, decided by the api-server's own auth manager.

Airflow mounts a plugin's FastAPI app without any authentication of its own, so the app
depends on `requires_access_view(AccessView.PLUGINS)` for every route (a JWT in the
`Authorization` header or the UI's `_token` cookie; none -> 401), and a write also needs
the right to edit runs of the municipal_diplomacy DAG (a viewer has not: 403).
"""

from __future__ import annotations

from typing import Annotated

from airflow.api_fastapi.app import get_auth_manager
from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from airflow.api_fastapi.auth.managers.models.resource_details import (
    AccessView,
    DagAccessEntity,
    DagDetails,
)
from airflow.api_fastapi.core_api.security import GetUserDep, requires_access_view
from fastapi import Depends, HTTPException, status

DAG_ID = "municipal_diplomacy"

read_access = requires_access_view(AccessView.PLUGINS)


def can_edit(user: BaseUser) -> bool:
    return bool(
        get_auth_manager().is_authorized_dag(
            method="PUT", access_entity=DagAccessEntity.RUN, details=DagDetails(id=DAG_ID), user=user
        )
    )


def require_edit(user: GetUserDep) -> BaseUser:
    if not can_edit(user):
        raise HTTPException(
            status_code=status.HTTP_403_FORBIDDEN,
            detail=f"reviewing events needs the right to edit runs of the {DAG_ID} DAG",
        )
    return user


def user_name(user: BaseUser) -> str:
    return user.get_name()


EditorDep = Annotated[BaseUser, Depends(require_edit)]
