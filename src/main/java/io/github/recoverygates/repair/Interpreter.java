package io.github.recoverygates.repair;

import io.github.recoverygates.core.GateException;
import java.util.List;

/** The interpreter's verdict on candidate sources: null where the text compiles, else why not. */
interface Interpreter {
    List<Failure> compile(List<byte[]> sources) throws GateException, InterruptedException;
}
