"""Writes a tuned bge-small as the same int8 ONNX network the hub already runs (bge-small-en-v1.5-q).

The shipped int8 file is used as the template: its graph is kept node for node, and only its weights are
replaced. Its quantisation is ONNX Runtime's dynamic scheme, read back from the file itself:
- each MatMul weight (in x out) is int8 with one scale per output column, max|w| / 64, zero point 0;
- each embedding table is uint8 with one scale, 2 max|w| / 255, zero point 128;
- biases and layer norms stay float32.
`python3 export.py --out-of-fold IDS.jsonl PREFIX... > oof.jsonl` gathers tune.py's fold runs for
`agent-hub import-tuned`. `python3 export.py --check FP32.onnx INT8.onnx` quantises the untouched fp32 weights this way and checks
that every weight of the shipped int8 file comes out identical: the proof that a tuned file differs
from the shipped one only by its tuning.
"""
import sys, onnx, numpy as np
from onnx import numpy_helper as nh


def quantised_weights(w):
    """The int8 file's initialisers for fp32 weights `w`, named as bert.onnx_weights names them."""
    out = {}
    for k, v in w.items():
        if k.startswith('embeddings.') and k.endswith('_embeddings.weight'):
            scale = np.float32(2 * np.abs(v).max() / 255)
            out[k + '_quantized'] = np.clip(np.round(v / scale) + 128, 0, 255).astype(np.uint8)
            out[k + '_scale'] = scale
        elif k.startswith('encoder.') and k.endswith('.weight') and v.ndim == 2:
            scale = (np.abs(v).max(0) / 64).astype(np.float32)
            out[k + '_quantized'] = np.clip(np.round(v / scale), -64, 64).astype(np.int8)
            out[k + '_scale'] = scale
        else:
            out[k] = v.astype(np.float32)
    return out


def template_names(template):
    """Initialiser name in the int8 file -> its name in quantised_weights (MatMul weights are anonymous there)."""
    names = {}
    for n in template.graph.node:
        if n.op_type == 'MatMulInteger':
            weight = n.input[1]  # onnx::MatMul_1525_quantized
            key = n.output[0].split('/MatMul_output')[0][1:].replace('/', '.') + '.weight'
            base = weight[:-len('_quantized')]
            names[weight] = key + '_quantized'
            names[base + '_scale'] = key + '_scale'
    for t in template.graph.initializer:
        names.setdefault(t.name, t.name)
    return names


def write(template_path, w, out_path):
    """Writes the int8 network with weights `w` (fp32, bert.onnx_weights naming) to out_path."""
    template = onnx.load(template_path)
    q = quantised_weights(w)
    names = template_names(template)
    replaced = 0
    for t in template.graph.initializer:
        key = names[t.name]
        if key in q:
            old = nh.to_array(t)
            new = np.asarray(q[key]).astype(old.dtype).reshape(old.shape)
            t.CopyFrom(nh.from_array(new, t.name))
            replaced += 1
        elif not t.name.endswith('_zero_point'):
            raise SystemExit('no tuned weight for ' + t.name + ' (' + key + ')')
    onnx.save(template, out_path)
    return replaced


def check(fp32_path, int8_path):
    sys.path.insert(0, __file__.rsplit('/', 1)[0])
    from bert import onnx_weights
    template = onnx.load(int8_path)
    q = quantised_weights(onnx_weights(fp32_path))
    names = template_names(template)
    compared = 0
    for t in template.graph.initializer:
        key = names[t.name]
        if key in q:
            if not np.array_equal(nh.to_array(t), np.asarray(q[key]).reshape(nh.to_array(t).shape)):
                raise SystemExit('differs: ' + t.name)
            compared += 1
    print(f'{compared} weights of {int8_path} reproduced exactly from {fp32_path}')


def out_of_fold(ids_path, prefixes, out):
    """JSON lines {"index","fold","logits"} for agent-hub import-tuned, from tune.py's per-fold .npy files."""
    import glob, json
    folds = [json.loads(l)['fold'] for l in open(ids_path)]
    logits = [None] * len(folds)
    for prefix in prefixes:
        for f in glob.glob(prefix + '_t*_f[0-9].npy'):
            for i, row in zip(np.load(f.replace('.npy', '_idx.npy')), np.load(f)):
                logits[i] = row
    missing = [i for i, l in enumerate(logits) if l is None]
    if missing:
        raise SystemExit(f'{len(missing)} examples have no out-of-fold logits (e.g. {missing[:3]}): a fold run is missing')
    for i, (fold, row) in enumerate(zip(folds, logits)):
        out.write(json.dumps({'index': i, 'fold': fold, 'logits': [round(float(v), 5) for v in row]}) + '\n')


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == '--check':
        check(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == '--out-of-fold':
        out_of_fold(sys.argv[2], sys.argv[3:], sys.stdout)
    else:
        raise SystemExit(__doc__)
