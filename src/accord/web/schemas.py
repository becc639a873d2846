"""Request bodies of the REST API (pydantic at the boundary: unknown keys are errors)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "AnalyseRequest",
    "DiagnoseRequest",
    "ForecastRequest",
    "PhaseRequest",
    "ScenarioInput",
    "SimulateRequest",
    "UncertaintyRequest",
    "WhatIfRequest",
]


ModelName = Literal["compromise", "median", "nash", "expected_utility", "smp", "exchange"]
_DEFAULT_MODELS: tuple[ModelName, ...] = ("compromise", "median", "nash", "exchange")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScenarioInput(_Strict):
    """A scenario: a built-in's name or the document's YAML/JSON text (exactly one)."""

    builtin: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9._-]+$",
        description="A built-in scenario (GET /api/scenarios).",
        examples=["hanoi-2019"],
    )
    text: str | None = Field(
        default=None, description="The scenario's YAML or JSON text (never a file path)."
    )

    @model_validator(mode="after")
    def _one(self) -> ScenarioInput:
        if (self.builtin is None) == (self.text is None):
            raise ValueError("give `builtin` or `text` (exactly one)")
        return self


class AnalyseRequest(ScenarioInput):
    ks_variant: Literal["max_min_ratio", "min_spread"] = "max_min_ratio"


class DiagnoseRequest(ScenarioInput):
    limit: int = Field(default=3, ge=1, le=10, description="How many answers to search for.")


class WhatIfRequest(ScenarioInput):
    settings: dict[str, str | float] = Field(
        default_factory=dict,
        max_length=50,
        description="Lever settings and adjustable quantities (GET /api/scenarios/{name}).",
        examples=[{"congress.threshold": 0.74, "china.enforcement": "lax"}],
    )


class PhaseRequest(_Strict):
    builtin: str = Field(
        min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._-]+$", examples=["hanoi-2019"]
    )
    horizon: int | None = Field(default=None, ge=1, le=24)
    one_shot: bool = False
    objective: Literal["lexicographic", "weighted"] | None = None


class SimulateRequest(ScenarioInput):
    strategies: dict[str, str] = Field(default_factory=dict, max_length=20)
    protocol: Literal["alternating", "stacked", "mediation"] = "alternating"
    rounds: int = Field(default=20, ge=1, le=1000)
    discount: float = Field(default=1.0, gt=0, le=1)
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1)


class ForecastRequest(_Strict):
    builtin: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9._-]+$",
        description="Built-in spatial data (GET /api/scenarios lists them).",
        examples=["hanoi-2019.enforcement"],
    )
    text: str | None = Field(default=None, description="Spatial data file content.")
    filename: str = Field(
        default="upload.yaml",
        max_length=200,
        description="The uploaded file's name: only its extension is used (the format).",
    )
    models: list[ModelName] = Field(
        default_factory=lambda: list(_DEFAULT_MODELS), min_length=1, max_length=6
    )

    @model_validator(mode="after")
    def _one(self) -> ForecastRequest:
        if (self.builtin is None) == (self.text is None):
            raise ValueError("give `builtin` or `text` (exactly one)")
        return self


class UncertaintyRequest(ScenarioInput):
    samples: int = Field(default=2000, ge=1, le=1_000_000)
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1)
    sensitivity: Literal["sobol", "morris", "both", "none"] = "sobol"
    sobol_base: Literal[8, 16, 32, 64, 128, 256, 512] = 64
