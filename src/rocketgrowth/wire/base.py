"""``WireModel``: the base of every wire model (camelCase aliases, unknown keys kept, raw JSON reachable)."""

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator
from pydantic.alias_generators import to_camel

__all__ = ("WireModel",)


class WireModel(BaseModel):
    """camelCase on the wire, snake_case in Python; keys the model does not know stay in ``model_extra``.

    ``.raw`` is the JSON object the model was read from (an empty dict when built in Python).
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        extra="allow",
    )

    _raw: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_raw(cls, data: Any, handler: Any) -> Self:
        model: Self = handler(data)
        if isinstance(data, dict):
            model._raw = data
        return model

    @property
    def raw(self) -> dict[str, Any]:
        """The JSON object as received, every key and spelling untouched."""
        return self._raw

    def to_wire(self) -> dict[str, Any]:
        """The JSON object to send: camelCase keys, unset fields left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
