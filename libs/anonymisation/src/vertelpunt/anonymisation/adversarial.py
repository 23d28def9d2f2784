"""Inputs built to make a recogniser slow: what the benchmark's worst case and the linear-time test run on."""

from __future__ import annotations

from collections.abc import Callable

# name -> text of about `size` characters
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "repeated a.": lambda size: "a." * (size // 2),
    "capitalised run": lambda size: " ".join(f"Abcde{chr(97 + i % 26)}" for i in range(size // 7)),
    "known names run": lambda size: "Jan Pietersen " * (size // 14),
    "digits and spaces": lambda size: "1 " * (size // 2),
    "phone-like groups": lambda size: "06 12 " * (size // 6),
    "tussenvoegsels": lambda size: "Karin " + "van de " * (size // 7) + "Berg",
    "hyphen chain": lambda size: "a-" * (size // 2),
    "at signs": lambda size: "a@" * (size // 2),
    "spoken e-mail": lambda size: "a punt " * (size // 7) + "at gmail punt com",
    "street heads": lambda size: "Laan van " * (size // 9) + "12",
    "lower-case cues": lambda size: "mevrouw fatma " * (size // 14),
    "zero-width digits": lambda size: "1\u200b" * (size // 2),
    "one long word": lambda size: "x" * size,
}
