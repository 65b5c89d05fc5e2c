"""What is wrong with JSON the parser refused, as a refusal a person can act on: a bad byte
named by its byte offset and column, the parser's reason with its column, a document nested too
deep. The parser's own reason stays in its English; the frame around it is translatable."""

from __future__ import annotations

import json

import orjson

from annotator.core.errors import Phrase, translatable
from annotator.core.utf8_damage import place_of, utf8_damage
from annotator.formats import json_limits
from annotator.formats.json_limits import depth_refusal


def json_line_problem(exc: orjson.JSONDecodeError, line: bytes | str, offset: int,
                  lead: int) -> Phrase:
    """What is wrong with a line orjson refused; `offset` is where the (stripped) line
    begins in the file and `lead` how many characters were stripped before it, so that a bad
    byte is named by its byte offset and column."""
    if isinstance(line, bytes):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as bad:
            _, column = place_of(line, bad.start)
            column += lead
            where = {"byte": offset + bad.start, "column": column}
            if utf8_damage(line) is not None:
                return Phrase(translatable(
                    "the line is damaged UTF-8 (a bad byte sequence at byte {byte} of the file, "
                    "column {column}); repair it, or name the file's real encoding with "
                    "--encoding"), where)
            return Phrase(translatable("the line is not UTF-8 text (bad byte at byte {byte} of "
                                       "the file, column {column}); name its encoding with "
                                       "--encoding"), where)
    return json_syntax_problem(exc, line)[0]


RESTATED_BYTES = 64 << 20  # documents small enough to parse again for a clearer message


def json_syntax_problem(exc: orjson.JSONDecodeError, source: bytes | str) -> tuple[Phrase, int]:
    """The one-line message and the line for a document orjson refused."""
    message, line, column = exc.msg, exc.lineno, exc.colno
    if "allocate" in message and json_limits.may_nest_deeply(source) \
            and json_limits.text_depth(source) > json_limits.MAX_JSON_DEPTH:
        # What orjson says of a document cut off inside a few hundred nested arrays.
        message = "depth"
    elif "allocate" in message and len(source) <= RESTATED_BYTES:
        # Python's parser names the real fault.
        try:
            json.loads(source)
        except RecursionError:
            message = "depth"
        except json.JSONDecodeError as other:
            message, line, column = other.msg, other.lineno, other.colno
        except ValueError:
            pass
    if "depth" in message or "recursion" in message:
        return depth_refusal(), line
    # The parser's own reason stays in English: it is the parser's, not Tawsim's.
    return Phrase(translatable("invalid JSON: {reason} (column {column})"),
                  {"reason": message, "column": column}), line
