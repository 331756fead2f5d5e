"""The public module of sales: other features import what they need from here, never from its
other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.sales.contract_changes import amend_contract, end_contract
from app.sales.contract_form import ContractFormDTO, get_contract_form
from app.sales.contract_dto import ContractDTO, ContractInput, EndedContractDTO
from app.sales.contracts import contract_blockers, sign_contract
from app.sales.stages import Balance, balance_of, latest_contract, refresh_stage, stage_of

__all__ = [
    "Balance",
    "ContractDTO",
    "ContractFormDTO",
    "ContractInput",
    "EndedContractDTO",
    "amend_contract",
    "balance_of",
    "contract_blockers",
    "end_contract",
    "get_contract_form",
    "latest_contract",
    "refresh_stage",
    "sign_contract",
    "stage_of",
]
