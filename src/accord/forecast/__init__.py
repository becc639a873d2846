"""Multi-actor spatial forecasting models behind one :class:`ForecastModel` interface."""

from accord.forecast.backtest import ModelScore, score_models
from accord.forecast.base import ForecastModel, ForecastResult
from accord.forecast.compromise import CompromiseModel
from accord.forecast.exchange import ExchangeModel
from accord.forecast.expected_utility import ExpectedUtilityModel
from accord.forecast.lever import lever_setting
from accord.forecast.median import MedianModel
from accord.forecast.nash import NashModel
from accord.forecast.registry import MODELS, build_model, model_switches
from accord.forecast.smp import SMPModel

__all__ = [
    "MODELS",
    "CompromiseModel",
    "ExchangeModel",
    "ExpectedUtilityModel",
    "ForecastModel",
    "ForecastResult",
    "MedianModel",
    "ModelScore",
    "NashModel",
    "SMPModel",
    "build_model",
    "lever_setting",
    "model_switches",
    "score_models",
]
