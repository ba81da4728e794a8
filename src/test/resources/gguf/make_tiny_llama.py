#!/usr/bin/env python3
"""Writes a tiny Llama-architecture GGUF file with random weights and a byte-level vocabulary.

It knows no language: it exists so tests can run the in-process generative tier (java-llama.cpp) without a
downloaded model, and show that a grammar made from a JSON Schema forces schema-shaped output from any model.
Its only habit: every token's embedding shares one direction, and the output layer reads that direction as a
strong preference for '"', then '}' and ']', so whatever the grammar allows, it closes strings and objects early
(a model with no preference fills every string to its maxLength).
Usage: make_tiny_llama.py OUT.gguf [seed]
"""
import struct, sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
n_embd, n_ff, n_head, n_layer, n_ctx = 64, 128, 4, 1, 2048
tokens = ["<unk>", "<s>", "</s>"] + ["<0x%02X>" % b for b in range(256)]
types = [2, 3, 3] + [6] * 256
n_vocab = len(tokens)

def s(x):
    b = x.encode("utf-8")
    return struct.pack("<Q", len(b)) + b

kv = []
def add(key, vtype, payload):
    kv.append(s(key) + struct.pack("<I", vtype) + payload)

add("general.architecture", 8, s("llama"))
add("general.name", 8, s("agent-hub tiny random llama (test fixture)"))
add("general.alignment", 4, struct.pack("<I", 32))
add("llama.context_length", 4, struct.pack("<I", n_ctx))
add("llama.embedding_length", 4, struct.pack("<I", n_embd))
add("llama.block_count", 4, struct.pack("<I", n_layer))
add("llama.feed_forward_length", 4, struct.pack("<I", n_ff))
add("llama.attention.head_count", 4, struct.pack("<I", n_head))
add("llama.attention.head_count_kv", 4, struct.pack("<I", n_head))
add("llama.rope.dimension_count", 4, struct.pack("<I", n_embd // n_head))
add("llama.attention.layer_norm_rms_epsilon", 6, struct.pack("<f", 1e-5))
add("tokenizer.ggml.model", 8, s("llama"))
add("tokenizer.ggml.tokens", 9, struct.pack("<IQ", 8, n_vocab) + b"".join(s(t) for t in tokens))
add("tokenizer.ggml.scores", 9, struct.pack("<IQ", 6, n_vocab) + struct.pack("<%df" % n_vocab, *([0.0] * n_vocab)))
add("tokenizer.ggml.token_type", 9, struct.pack("<IQ", 5, n_vocab) + struct.pack("<%di" % n_vocab, *types))
add("tokenizer.ggml.unknown_token_id", 4, struct.pack("<I", 0))
add("tokenizer.ggml.bos_token_id", 4, struct.pack("<I", 1))
add("tokenizer.ggml.eos_token_id", 4, struct.pack("<I", 2))
add("tokenizer.ggml.add_bos_token", 7, struct.pack("<?", True))

def w(*shape):  # ggml order: shape[0] is the innermost (row length)
    return (rng.standard_normal(shape[::-1]) * 0.05).astype(np.float32)

u = rng.standard_normal(n_embd).astype(np.float32)
u /= np.linalg.norm(u)
embed = w(n_embd, n_vocab) + u  # rows: one per token
out_rows = w(n_embd, n_vocab)
for ch, strength in (('"', 3.0), ('}', 2.0), (']', 2.0)):
    out_rows[3 + ord(ch)] += strength * u
tensors = [("token_embd.weight", embed, (n_embd, n_vocab)),
           ("output_norm.weight", np.ones(n_embd, np.float32), (n_embd,)),
           ("output.weight", out_rows, (n_embd, n_vocab))]
for i in range(n_layer):
    p = "blk.%d." % i
    tensors += [(p + "attn_norm.weight", np.ones(n_embd, np.float32), (n_embd,)),
                (p + "attn_q.weight", w(n_embd, n_embd), (n_embd, n_embd)),
                (p + "attn_k.weight", w(n_embd, n_embd), (n_embd, n_embd)),
                (p + "attn_v.weight", w(n_embd, n_embd), (n_embd, n_embd)),
                (p + "attn_output.weight", w(n_embd, n_embd), (n_embd, n_embd)),
                (p + "ffn_norm.weight", np.ones(n_embd, np.float32), (n_embd,)),
                (p + "ffn_gate.weight", w(n_embd, n_ff), (n_embd, n_ff)),
                (p + "ffn_up.weight", w(n_embd, n_ff), (n_embd, n_ff)),
                (p + "ffn_down.weight", w(n_ff, n_embd), (n_ff, n_embd))]

infos, blobs, offset = [], [], 0
for name, data, shape in tensors:
    infos.append(s(name) + struct.pack("<I", len(shape)) + b"".join(struct.pack("<Q", d) for d in shape)
                 + struct.pack("<I", 0) + struct.pack("<Q", offset))
    raw = data.tobytes()
    pad = (-len(raw)) % 32
    blobs.append(raw + b"\0" * pad)
    offset += len(raw) + pad

head = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kv)) + b"".join(kv) + b"".join(infos)
head += b"\0" * ((-len(head)) % 32)
with open(out, "wb") as f:
    f.write(head + b"".join(blobs))
print(out, len(head) + offset, "bytes")
