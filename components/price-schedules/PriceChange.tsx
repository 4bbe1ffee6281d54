import { formatEuros } from "@/lib/money";
import { priceChange } from "@/lib/price-schedules/rules";

/** "+200,00 € (+2,0 %)", "inchangé" or "nouveau prix": the change against the price in force. */
export function PriceChange({
  proposedCents,
  currentCents,
}: {
  proposedCents: number | null;
  currentCents: number | null;
}) {
  if (proposedCents === null) return <>—</>;
  const change = priceChange(proposedCents, currentCents);
  if (!change) return <>nouveau prix</>;
  if (change.diffCents === 0) return <>inchangé</>;
  const sign = change.diffCents > 0 ? "+" : "−";
  const tenths = Math.abs(change.percentTenths);
  const percent = `${Math.trunc(tenths / 10)},${tenths % 10}`;
  return (
    <>
      {sign}
      {formatEuros(Math.abs(change.diffCents))} ({sign}
      {percent} %)
    </>
  );
}
