export { type BookSide, type LevelChange, OrderBook } from "./order_book.ts";
export { type BookRow, depthBins, groupBook, groupTicks } from "./group.ts";
export { type BookLoss, type BookStatus, VerifiedBook } from "./verified_book.ts";
