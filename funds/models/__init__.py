"""The funds aggregates: government programmes and rules, projects, the ledger, energy savings."""

from funds.models.benefits import (
    VOUCHER_MOVES,
    ConsultingVoucher,
    TenantDiscount,
    VoucherOffer,
    VoucherParty,
    VoucherStatus,
)
from funds.models.consortia import ProgrammeMember
from funds.models.energy import EnergySaving
from funds.models.ledger import (
    SOURCES,
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)
from funds.models.payments import Payment, PaymentPurpose, PaymentRefund, PaymentStatus, RefundStatus, StripeEvent
from funds.models.project import (
    COMMITTED_STATES,
    DESIGN_DUE_MONTHS,
    OPEN_STATES,
    PROJECT_ACTORS,
    PROJECT_MOVES,
    Party,
    Project,
    ProjectEvent,
    ProjectStatus,
)
from funds.models.rules import ANY_TIER, RULE_FIELDS, CostShareRule, GovernmentProgramme, GovernmentProgrammeChange

__all__ = [
    "VOUCHER_MOVES",
    "ConsultingVoucher",
    "TenantDiscount",
    "VoucherOffer",
    "VoucherParty",
    "VoucherStatus",
    "ANY_TIER",
    "COMMITTED_STATES",
    "DESIGN_DUE_MONTHS",
    "OPEN_STATES",
    "PROJECT_ACTORS",
    "PROJECT_MOVES",
    "RULE_FIELDS",
    "SOURCES",
    "AccountKind",
    "CostShareRule",
    "EnergySaving",
    "GovernmentProgramme",
    "GovernmentProgrammeChange",
    "LedgerAccount",
    "LedgerEntry",
    "LedgerTransaction",
    "Party",
    "Payment",
    "PaymentPurpose",
    "PaymentRefund",
    "PaymentStatus",
    "ProgrammeMember",
    "Project",
    "ProjectEvent",
    "ProjectStatus",
    "RefundStatus",
    "StripeEvent",
    "TransactionKind",
]
