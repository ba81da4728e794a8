package io.agenthub.extract;

import io.agenthub.capability.EncoderPool;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.OnnxEncoder;

import java.util.function.Function;

/**
 * Where an extraction model's token tagger gets its encoder: the encoder itself (its digest is checked against the
 * model card) and the way its token states are computed (in the hub, the encoder pool's shared micro-batches).
 */
public interface TokenEncoders {

    /** For versions without a tagger: asking for an encoder is a mistake of the caller's wiring. */
    TokenEncoders NONE = new TokenEncoders() {
        @Override
        public OnnxEncoder encoder(String id) {
            throw new IllegalStateException("this extraction registry was built without encoders; a tagger needs " + id);
        }

        @Override
        public Function<String, OnnxEncoder.TokenStates> tokens(String id) {
            return encoder(id)::tokenStates;
        }
    };

    OnnxEncoder encoder(String id);

    Function<String, OnnxEncoder.TokenStates> tokens(String id);

    /** The pool's encoders, token states computed in its shared micro-batches: the hub. */
    static TokenEncoders pooled(EncoderPool pool) {
        TokenEncoders catalog = of(pool.catalog());
        return new TokenEncoders() {
            @Override
            public OnnxEncoder encoder(String id) {
                return catalog.encoder(id);
            }

            @Override
            public Function<String, OnnxEncoder.TokenStates> tokens(String id) {
                return pool.tokenBatcher(id)::submitAndWait;
            }
        };
    }

    /** The catalog's encoders, each text run alone: the command line's tools. */
    static TokenEncoders of(EncoderCatalog catalog) {
        return new TokenEncoders() {
            @Override
            public OnnxEncoder encoder(String id) {
                if (!(catalog.get(id) instanceof OnnxEncoder onnx)) {
                    throw new IllegalArgumentException("encoder " + id + " gives no token states");
                }
                return onnx;
            }

            @Override
            public Function<String, OnnxEncoder.TokenStates> tokens(String id) {
                return encoder(id)::tokenStates;
            }
        };
    }
}
