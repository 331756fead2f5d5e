"""Money on the sale's papers: fen as figures (¥ 207,900.00) and as the Chinese capital amount
(大写金额, 贰拾万柒仟玖佰元整) that the Shanghai model contract prints beside the figures
(T/CSCA 120031-2023 4.3.3; 办法 art. 15; domain_reference §4.1).

The capital amount comes from cn2an's RMB mode, never from our own table of digits: a contract
whose 大写 disagrees with its figures is a dispute waiting to happen, and cn2an is maintained and
tested against the banking rules (零 for skipped units, 整 after whole yuan). Amounts are kept in
fen (integers) everywhere; this module only formats them.
"""

from __future__ import annotations

MAX_CONTRACT_FEN = 9_999_999_999  # ¥ 99,999,999.99: beyond anything sold in a showroom


def yuan_text(fen: int) -> str:
    """Figures with two decimals, thousands separated: 20790000 -> '207,900.00'."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def yuan_figures(fen: int) -> str:
    """As printed beside the capital amount: '¥207,900.00'."""
    return f"¥{yuan_text(fen)}"


def fen_to_capital(fen: int) -> str:
    """大写: 20790000 fen -> '贰拾万柒仟玖佰元整'; 5 fen -> '伍分'. Only 0 to ¥99,999,999.99
    (ValueError otherwise: a negative or absurd price is refused before it is printed)."""
    fen = int(fen)
    if not 0 <= fen <= MAX_CONTRACT_FEN:
        raise ValueError(f"amount out of range: {fen} fen")
    import cn2an  # 4.6 MB: loaded when a capital amount is first written (issue #17, memory)

    whole, cents = divmod(fen, 100)
    return cn2an.an2cn(f"{whole}.{cents:02d}", "rmb")
