package dev.sluice.worker.management;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One management endpoint: answers the GET requests whose path it {@link #serves}. */
interface Route {

  boolean serves(String path);

  void answer(HttpExchange exchange) throws IOException;
}
